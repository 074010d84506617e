// Rules: which verified event triggers which broadcast, with which audience and data.
//
// A rule is { source, scheme, event?: { path, equals }, broadcast_id, audience, data?, example }.
// Values in `audience` and `data` that are strings starting with "$." are paths into the
// payload ("$.data.object.email", "$.items.0.sku"); every other value is a constant.
// A send rule is { source, scheme, event?, send: "email" | "push" | "sms", example, ...fields }:
// every other key is a parameter of sendEmail/sendPush/sendSMS (to, identifiers,
// transactional_message_id, message_data, ...), mapped the same way (see sends.js).

export const SCHEMES = ["customerio", "standard", "stripe", "github", "shopify"];

/** The client method of each `send` channel a rule may name. */
export const SEND_METHODS = { email: "sendEmail", push: "sendPush", sms: "sendSMS" };
/** The keys of a send rule that are the rule's own, not the send's parameters. */
const RULE_KEYS = new Set(["source", "scheme", "event", "send", "example"]);
/** How a broadcast rule's deliveries may share a trigger (coalesce.js). */
const REPEAT_PERSON = ["each_delivery", "once"];

/** The client method a rule calls: a send's, or triggerBroadcast. */
export function methodFor(rule) {
  return rule.send === undefined ? "triggerBroadcast" : SEND_METHODS[rule.send];
}

/** The value at `path` ("$.a.b.0.c") in `payload`, or undefined. */
export function valueAt(payload, path) {
  let value = payload;
  for (const part of path.slice(2).split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = value[part];
  }
  return value;
}

const isPath = (value) => typeof value === "string" && value.startsWith("$.");

/** `template` with every "$." path replaced by the payload's value there. */
export function resolve(template, payload) {
  if (isPath(template)) return valueAt(payload, template);
  if (Array.isArray(template)) return template.map((item) => resolve(item, payload));
  if (template !== null && typeof template === "object") {
    return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, resolve(value, payload)]));
  }
  return template;
}

/** The rules of `source`, in file order. */
export function rulesFor(rules, source) {
  return rules.filter((rule) => rule.source === source);
}

/** The first rule of `source` whose event matches `payload`, or undefined. */
export function matchRule(rules, source, payload) {
  return rulesFor(rules, source).find((rule) => !rule.event || valueAt(payload, rule.event.path) === rule.event.equals);
}

/** The parameters (of `methodFor(rule)`) a rule makes of a payload. */
export function paramsFor(rule, payload) {
  if (rule.send !== undefined) {
    return resolve(Object.fromEntries(Object.entries(rule).filter(([key]) => !RULE_KEYS.has(key))), payload);
  }
  const params = { broadcast_id: rule.broadcast_id, ...resolve(rule.audience, payload) };
  if (rule.data !== undefined) params.data = resolve(rule.data, payload);
  return params;
}

/**
 * Every problem of a rules file, as `{ rule, source, field, message }` (an empty list when the
 * file is deployable): shapes, one scheme per source, and each rule's example payload run through
 * `prepare(params, method)` (the package's dry run, for the trigger or the send the rule makes),
 * so a rule that would produce refused parameters fails at deploy time with the rule and the field.
 */
export function checkRules(rules, prepare) {
  const problems = [];
  if (!Array.isArray(rules) || rules.length === 0) {
    return [{ rule: null, source: null, field: "rules", message: "rules.json must be a non-empty array of rules" }];
  }
  const schemes = new Map();
  rules.forEach((rule, index) => {
    const at = (field, message) => problems.push({ rule: index, source: rule?.source ?? null, field, message });
    if (rule === null || typeof rule !== "object") return at("rule", "a rule must be an object");
    if (typeof rule.source !== "string" || !/^[A-Za-z0-9_-]+$/.test(rule.source)) at("source", "source must be letters, digits, - or _ (it is the URL path /hooks/{source})");
    if (!SCHEMES.includes(rule.scheme)) at("scheme", `scheme must be one of ${SCHEMES.join(", ")}`);
    if (schemes.has(rule.source) && schemes.get(rule.source) !== rule.scheme) at("scheme", `source "${rule.source}" already uses scheme "${schemes.get(rule.source)}": one scheme per source`);
    schemes.set(rule.source, rule.scheme);
    if (rule.event !== undefined && (typeof rule.event?.path !== "string" || !isPath(rule.event.path) || !("equals" in rule.event))) at("event", 'event must be { path: "$.…", equals: <value> }');
    if (rule.send !== undefined && !Object.hasOwn(SEND_METHODS, rule.send)) at("send", `send must be one of ${Object.keys(SEND_METHODS).join(", ")}`);
    if (rule.send === undefined && (rule.audience === null || typeof rule.audience !== "object" || Array.isArray(rule.audience))) at("audience", "audience must be an object with one audience, e.g. { \"emails\": [\"$.data.email\"] }");
    if (rule.coalesce !== undefined && (rule.send !== undefined || typeof rule.coalesce !== "boolean")) at("coalesce", "coalesce is true (the default) or false, on a broadcast rule: false gives every delivery its own trigger");
    if (rule.repeat_person !== undefined && (rule.send !== undefined || !REPEAT_PERSON.includes(rule.repeat_person))) at("repeat_person", `repeat_person is one of ${REPEAT_PERSON.join(", ")}, on a broadcast rule: a person in two waiting deliveries gets a message per delivery (the default) or once`);
    if (rule.example === null || typeof rule.example !== "object") return at("example", "every rule needs an example payload (what the sender posts), to be checked here");
    if (rule.event !== undefined && valueAt(rule.example, rule.event.path) !== rule.event.equals) at("event", `the example's ${rule.event?.path} is not ${JSON.stringify(rule.event?.equals)}: the rule would never match it`);
    try {
      if (methodFor(rule) !== undefined) prepare(paramsFor(rule, rule.example), methodFor(rule));
    } catch (error) {
      at(error?.field ?? "params", `${error?.code ?? "error"}: ${error?.message ?? error}`);
    }
  });
  return problems;
}
