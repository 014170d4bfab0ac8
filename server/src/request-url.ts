/**
 * A request's path and query. Node hands the raw request target over as written, and some targets
 * (`//`, `//@`, `//a:99999`) are not URLs at all: those are undefined here, never an exception.
 */
export function requestUrl(target: string | undefined): URL | undefined {
  try {
    const url = new URL(target ?? "/", "http://relay");
    // A target starting with "//" is read as a host; keep only what a path can be.
    return target?.startsWith("/") && !target.startsWith("//") ? url : undefined;
  } catch {
    return undefined;
  }
}
