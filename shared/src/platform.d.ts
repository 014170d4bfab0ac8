/**
 * Web platform globals that shared code uses and that browsers and Node 20 both have. Declared here so
 * that shared compiles against neither the DOM nor Node's types; the client and server see their own.
 */
declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T };
declare function btoa(data: string): string;
declare function atob(data: string): string;
declare class TextEncoder {
  encode(input: string): Uint8Array;
}
declare class TextDecoder {
  decode(input: Uint8Array): string;
}
declare function setTimeout(callback: () => void, ms: number): unknown;
declare function clearTimeout(handle: unknown): void;
