// `rotateBefore`: a token whose expiration is within the window is replaced. Evaluated on the server's clock.
import { describeDuration, parseDuration, shift } from "../dates";

export interface RotationVerdict {
  readonly due: boolean;
  /** A sentence for the CLI output, when due. */
  readonly reason?: string;
}

export function rotationVerdict(expirationDate: string | undefined, rotateBefore: string | undefined, serverNow: Date): RotationVerdict {
  if (!expirationDate || !rotateBefore) return { due: false };
  const expiration = new Date(expirationDate);
  if (Number.isNaN(expiration.getTime())) return { due: false };
  const window = parseDuration(rotateBefore);
  const rotationStart = shift(expiration, -window.amount, window.unit);
  if (serverNow.getTime() < rotationStart.getTime()) return { due: false };
  const state = serverNow.getTime() >= expiration.getTime() ? "expired" : "expires";
  return {
    due: true,
    reason: `${state} ${expiration.toISOString()}, within rotateBefore ${rotateBefore} (${describeDuration(window)}; server time ${serverNow.toISOString()})`,
  };
}
