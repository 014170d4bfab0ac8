const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** A random id from the platform's CSPRNG (Node 20 and browsers both have `crypto.getRandomValues`). */
export function newId(length = 12): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let id = "";
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

/** Board ids are long enough to be unguessable: they are the link people share. */
export function newBoardId(): string {
  return newId(16);
}
