// The one question the server asks before anything messages people (a trigger, a send): MCP
// elicitation in form mode with a single "confirm" boolean. Declined or cancelled, nothing is sent
// and the tool result says so without being an error (the tool did what the user chose); a
// question that could not be asked is an error, and nothing is sent either.
//
// Spec: https://modelcontextprotocol.io/specification/2025-06-18/client/elicitation

/** The result of a call the user did not confirm: `action` is "decline" or "cancel". */
function notSent(action, message, again) {
  return {
    content: [{ type: "text", text: `${message} Nothing was sent. Do not ${again} again unless the user asks.` }],
    structuredContent: { sent: false, action, message },
    isError: false,
  };
}

/**
 * Asks the user `message`. Resolves to null when confirmed, or to the tool result to return
 * instead. `title` labels the checkbox ("Send this broadcast now"), `declined` completes "The user
 * declined …" ("sending broadcast 11 to …"), `again` completes "Do not … again" ("trigger it").
 */
export async function askToConfirm(server, { message, title, declined, again }, options = {}) {
  let answer;
  try {
    answer = await server.elicitInput(
      {
        message,
        requestedSchema: {
          type: "object",
          properties: { confirm: { type: "boolean", title, description: message } },
          required: ["confirm"],
        },
      },
      { signal: options.signal },
    );
  } catch (error) {
    return {
      content: [{ type: "text", text: `The confirmation could not be asked (${error.message}); nothing was sent.` }],
      structuredContent: { code: "not_confirmed", message: `The confirmation could not be asked: ${error.message}` },
      isError: true,
    };
  }
  if (answer.action === "accept" && answer.content?.confirm === true) return null;
  const action = answer.action === "cancel" ? "cancel" : "decline";
  return notSent(action, `The user ${action === "cancel" ? "cancelled" : "declined"} ${declined}.`, again);
}
