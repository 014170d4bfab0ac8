/** The codes of an error and of its causes (classic-level says what went wrong only in the cause). */
export function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  let next: unknown = error;
  for (let depth = 0; next instanceof Error && depth < 5; depth++) {
    const { code } = next as { code?: unknown };
    if (typeof code === "string") codes.push(code);
    next = next.cause;
  }
  return codes;
}
