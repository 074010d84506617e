/**
 * Whether `given` equals `expected`, compared in constant time (the time depends on the lengths
 * only). Anything but two strings, or an empty `expected`, is not equal.
 */
export declare function sameSecret(given: unknown, expected: unknown): boolean;

/** The token of an `Authorization: Bearer <token>` header, or "" when there is none. */
export declare function bearerToken(headers: { get(name: string): string | null }): string;
