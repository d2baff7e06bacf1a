#!/usr/bin/env python3
"""Regenerates provider/catalog/scopes.ts from the reference scope list (../shared/reference/scopes.json)."""
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent
source = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else root.parent / "shared" / "reference" / "scopes.json"
data = json.loads(source.read_text())

out = [
    "// The Dynatrace access-token scope catalog, shared by the provider, the SDK types and the emulator.",
    f"// Source: {data['source']}.",
    "// Regenerate from ../shared/reference/scopes.json with scripts/generate-scope-catalog.py; do not hand-edit the lists.",
    "",
    "/** Scopes that can be assigned to an API token or personal access token today, with Dynatrace's description. */",
    "export const ASSIGNABLE_SCOPES = {",
    *[f"  {json.dumps(s['scope'])}: {json.dumps(s['description'])}," for s in data["assignable"]],
    "} as const;",
    "",
    "/** Scopes that only appear in responses for old tokens; they can no longer be assigned. */",
    f"export const RESPONSE_ONLY_SCOPES = {json.dumps(data['responseOnly'])} as const;",
]
target = root / "provider" / "catalog" / "scopes.ts"
text = target.read_text()
# Keep the hand-written helpers below the generated lists.
helpers = text[text.index("\n/** Any scope a token can be given"):]
target.write_text("\n".join(out) + "\n" + helpers)
print(f"wrote {target}")
