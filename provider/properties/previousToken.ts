// The properties of a rotation with an overlap (`keepPreviousFor`), shared by every token kind: the input, and the
// outputs that record the token in use and the kept previous one. None of the outputs is written for a resource
// without `keepPreviousFor` that never rotated in place: its state stays exactly what earlier releases wrote.
import type { PropertyTable } from "./types";

const DURATION_UNITS = "(units m h d w M y)";

export const PREVIOUS_TOKEN_PROPERTIES = {
  keepPreviousFor: {
    type: "string",
    input: "optional",
    output: "optional",
    default: { absent: "none: a rotation deletes the old token in the same `up`" },
    onChange: "state",
    onChangeNote: "removing it deletes a kept previous token at the next `up`",
    description: `How long the previous token stays valid after a rotation, e.g. \`"24h"\` ${DURATION_UNITS}.`,
    inputDetails:
      "Consumers that pick up the new secret later (an agent restarted with it, a secret synced by another pipeline) " +
      "lose nothing: a rotation — a due `rotateBefore`, or a change of an input that needs a new token — then issues " +
      "the new token **in place** (an update, not a replacement; the resource's `id` stays the first token's, the " +
      "token in use is `tokenId`) and keeps the old one as `previousToken` until `previousTokenRemovalDate`; the first " +
      "`pulumi up` after that (on the Dynatrace server's clock) deletes it. Refresh and a failed or killed `up` never " +
      "delete it; `destroy` deletes both. A second rotation while a previous token is kept is refused (a due " +
      "`rotateBefore` waits). A change of `environment` still replaces the resource.",
    example: '"24h"',
  },
  tokenId: {
    type: "string",
    output: "optional",
    description:
      "The identifier of the token in use: the resource's `id` until a rotation in place (with `keepPreviousFor`) " +
      "issues a new one.",
    outputDetails:
      "The dynamic classes store it once it differs from the `id` (or once `keepPreviousFor` is set) and show the `id` " +
      "until then; the native plugin always returns it.",
    outputFallback: "id",
    example: '"dt0c01.ABC2DEFGHIJ3KLMNOPQR4STU"',
  },
  previousTokenId: {
    type: "string",
    output: "optional",
    description: "The token in use before the last rotation in place, still valid until `previousTokenRemovalDate`; absent when none is kept.",
    example: '"dt0c01.ABC2DEFGHIJ3KLMNOPQR4STU"',
  },
  previousToken: {
    type: "string",
    output: "optional",
    secret: true,
    description:
      "The previous token's secret, for consumers that haven't moved to the new one yet; absent when none is kept " +
      "or it was never known (a token adopted by id).",
    example: '"dt0c01.ABC2DEFGHIJ3KLMNOPQR4STU.…"',
  },
  previousTokenRemovalDate: {
    type: "string",
    output: "optional",
    description: "When the first `pulumi up` deletes the previous token (ISO 8601 UTC, on the Dynatrace server's clock).",
    example: '"2027-01-02T09:30:00.000Z"',
  },
  previousTokenEnabled: {
    type: "boolean",
    output: "optional",
    description: "`false` when `pulumi refresh` found the previous token disabled by hand (reported with a warning, never undone).",
    example: "false",
  },
} as const satisfies PropertyTable;
