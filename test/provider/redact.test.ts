import { describe, expect, it } from "vitest";
import { redact } from "../../provider/redact";
import { identifierOf, isTokenSecret } from "../../provider/tokenFormat";

const apiSecret = "dt0c01.ST2EY72KQINMH574WMNVI7YN.G3DFPBEJYMODIDAEX454M7YWBUVEFOWKPRVMWFASS64NFH52PX6BNDVFFM572RZM";
const agSecret = "dt0g02.4KWZO5EF.XT47R5DRADJIZUFOX4UDNOKTSUSABGLN7XSMJG7UXHRXKNY4WLORH4OF4T75MG7E";

describe("redact", () => {
  it("keeps only the identifier of API and ActiveGate token secrets", () => {
    const text = redact(`failed for ${apiSecret} and "${agSecret}".`);
    expect(text).toBe('failed for dt0c01.ST2EY72KQINMH574WMNVI7YN.<redacted> and "dt0g02.4KWZO5EF.<redacted>".');
    expect(text).not.toContain("G3DFPBEJ");
  });

  it("hides Api-Token header values and api-token query parameters", () => {
    expect(redact("Authorization: Api-Token abc.def")).toBe("Authorization: Api-Token <redacted>");
    expect(redact("GET /api/v2/apiTokens?api-token=abc&x=1")).toBe("GET /api/v2/apiTokens?api-token=<redacted>&x=1");
  });

  it("leaves identifiers alone", () => {
    expect(redact("token dt0c01.ST2EY72KQINMH574WMNVI7YN")).toBe("token dt0c01.ST2EY72KQINMH574WMNVI7YN");
  });
});

describe("token format", () => {
  it("derives identifiers", () => {
    expect(identifierOf(apiSecret)).toBe("dt0c01.ST2EY72KQINMH574WMNVI7YN");
    expect(identifierOf(agSecret)).toBe("dt0g02.4KWZO5EF");
    expect(identifierOf("nonsense")).toBeUndefined();
    expect(isTokenSecret(apiSecret)).toBe(true);
    expect(isTokenSecret("dt0c01.ST2EY72KQINMH574WMNVI7YN")).toBe(false);
  });
});
