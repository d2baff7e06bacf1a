// The outputs of a token resource that keeps its previous token for an overlap (`keepPreviousFor`), shared by every
// token kind (provider/properties/previousToken.ts). None of them is written for a resource without
// `keepPreviousFor` that never rotated in place: its state stays exactly what earlier releases wrote.
import { outputPlaceholders } from "../properties/names";
import { PREVIOUS_TOKEN_PROPERTIES } from "../properties/previousToken";

/** Every overlap output set to `undefined`: spread over older outputs, it drops what an earlier overlap left there. */
export const NO_PREVIOUS_TOKEN_OUTPUTS = outputPlaceholders(PREVIOUS_TOKEN_PROPERTIES);
