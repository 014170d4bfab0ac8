import { describe, expect, it } from "vitest";
import { clientAddress } from "../src/client-address.js";
import { readConfig } from "../src/config.js";

describe("the address a participant is counted by", () => {
  it("is the socket's address when no proxy is trusted, whatever the header says", () => {
    expect(clientAddress("203.0.113.9", "192.0.2.1", 0)).toBe("192.0.2.1");
    expect(clientAddress(undefined, "192.0.2.1", 0)).toBe("192.0.2.1");
    expect(clientAddress(undefined, undefined, 0)).toBe("");
  });

  it("behind one proxy, is the right-most entry: what the proxy saw, not what the client wrote before it", () => {
    expect(clientAddress("198.51.100.7", "10.0.0.1", 1)).toBe("198.51.100.7");
    expect(clientAddress("203.0.113.9, 198.51.100.7", "10.0.0.1", 1)).toBe("198.51.100.7");
    expect(clientAddress(" 203.0.113.9 ,, 198.51.100.7 ", "10.0.0.1", 1)).toBe("198.51.100.7");
    expect(clientAddress("2001:db8::1, 2001:db8::7", "10.0.0.1", 1)).toBe("2001:db8::7");
  });

  it("behind several proxies, skips the entries the inner proxies appended", () => {
    // Client -> outer proxy (appends 198.51.100.7) -> inner proxy (appends the outer's 10.0.0.2) -> relay.
    expect(clientAddress("203.0.113.9, 198.51.100.7, 10.0.0.2", "10.0.0.1", 2)).toBe("198.51.100.7");
    expect(clientAddress("203.0.113.9, 198.51.100.7, 10.0.0.3, 10.0.0.2", "10.0.0.1", 3)).toBe("198.51.100.7");
  });

  it("takes repeated headers as one list, in order", () => {
    expect(clientAddress(["203.0.113.9", "198.51.100.7"], "10.0.0.1", 1)).toBe("198.51.100.7");
  });

  it("is the socket's address when the header is missing, empty or shorter than the trusted hops", () => {
    expect(clientAddress(undefined, "10.0.0.1", 1)).toBe("10.0.0.1");
    expect(clientAddress(" , ", "10.0.0.1", 1)).toBe("10.0.0.1");
    expect(clientAddress("203.0.113.9", "10.0.0.1", 2)).toBe("10.0.0.1");
  });
});

describe("TRUST_PROXY", () => {
  it("is the number of trusted proxy hops, off by default", () => {
    expect(readConfig({}).trustedProxyHops).toBe(0);
    expect(readConfig({ TRUST_PROXY: "0" }).trustedProxyHops).toBe(0);
    expect(readConfig({ TRUST_PROXY: "2" }).trustedProxyHops).toBe(2);
    // What earlier versions took to mean one proxy in front still does.
    expect(readConfig({ TRUST_PROXY: "true" }).trustedProxyHops).toBe(1);
  });

  it("refuses anything but a whole number of hops", () => {
    for (const value of ["-1", "1.5", "11", "yes"]) {
      expect(() => readConfig({ TRUST_PROXY: value })).toThrow(`TRUST_PROXY must be a whole number from 0 to 10`);
    }
  });
});
