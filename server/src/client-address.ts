/**
 * The address a participant is counted by (per-address limits, logs). Each trusted proxy appends the
 * address it saw to X-Forwarded-For, so behind `trustedHops` proxies the participant's address is the
 * `trustedHops`-th entry from the right; entries further left were written by the client and prove
 * nothing. A header with fewer entries did not come through every trusted proxy: the socket's address
 * is then the only one the client did not choose.
 */
export function clientAddress(
  forwardedFor: string | string[] | undefined,
  socketAddress: string | undefined,
  trustedHops: number,
): string {
  const socket = socketAddress ?? "";
  if (trustedHops < 1 || forwardedFor === undefined) return socket;
  const entries = [forwardedFor]
    .flat()
    .join(",")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  return entries[entries.length - trustedHops] ?? socket;
}
