// The shared consumer code, compiled with this project's settings.
export { consumer } from "../consumer.js";
