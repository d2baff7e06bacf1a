// 120 tokens as a team makes them by hand over the years (issue 20): API, personal access, PaaS-shaped and ActiveGate
// tokens, names with spaces, duplicates, accents, scripts without an ASCII form, emoji, punctuation, expired and
// disabled ones. The same list every time (no randomness), so tests can pin what the onboarding makes of it.
import type { SeedTokenFields } from "../../emulator/core";

const DAY = 24 * 60 * 60 * 1000;

/** Names given more than once (and names that differ but slug alike: "CI ingest", "ci-ingest", "CI  Ingest!"). */
const API_NAMES = [
  "CI ingest", "CI ingest", "ci-ingest", "CI  Ingest!", "Grafana read", "Grafana read",
  "Käse-Überwachung", "Überwachung ÄÖÜ", "日本語トークン", "日本語トークン", "🚀 deploy", "naïve café",
  "Straße", "   spaced   out  ", "a/b\\c:d", 'old, "quoted"', "UPPER lower", "x",
  "Ørsted — Łódź", "2024 migration", "release-bot", "release-bot", "log shipper (eu)", "log shipper (us)",
  "ÆØÅ backup", "dashboards", "SLO reader", "SLO reader", "otel collector", "OTel Collector",
  `${"very long name ".repeat(11).trim()}`, "β-test", "Ελληνικά", "кириллица", "emoji only 😀", "😀",
  "tab-less name", "dot.separated.name", "under_score_name", "MiXeD-CaSe_Name 42",
];
const PAT_NAMES = ["my pat", "my pat", "Alice’s token", "bob@example.com token", "ÇA VA", "scratch", "scratch", "测试", "jenkins (personal)", "dev laptop"];
const PAAS_NAMES = ["installer", "installer", "PaaS token (prod)", "PaaS token (prod)", "k8s operator", "oneagent download", "Cloud Foundry", "Heroku"];
const ACTIVE_GATE_NAMES = [
  "gateway eu-1", "gateway eu-1", "gateway us-1", "Gateway US-1", "cluster gate", "seed (installer)", "seed (installer)",
  "München gate", "東京 gate", "edge 🚪", "k8s ag", "k8s ag", "k8s ag", "synthetic private location", "routing",
  "routing", "old gate", "old gate", "zürich", "ag-01", "ag-02", "ag 03", "AG_04", "AG.05", "lab gate",
  "lab gate", "gate (test)", "gate (prod)", "Öffentlich", "x",
];
const API_SCOPES = [["metrics.ingest", "logs.ingest"], ["metrics.read"], ["entities.read", "settings.read"], ["DataExport"], ["openTelemetryTrace.ingest"]];
const PAT_SCOPES = [["metrics.read"], ["entities.read", "problems.read"], ["settings.read"]];
const OWNERS = ["alice@example.com", "bob@example.com", "carol@example.com"];

export interface HandMadeToken {
  readonly fields: SeedTokenFields;
  /** The resource class the onboarding should pick for it. */
  readonly resourceClass: "ApiToken" | "PersonalAccessToken" | "PaasToken" | "ActiveGateToken";
  readonly expired: boolean;
  readonly disabled: boolean;
}

/** The 120 tokens, dated from `now` (the emulator's clock): every 9th has expired, every 11th API token is disabled. */
export function handMadeTokens(now: Date): HandMadeToken[] {
  const at = (days: number) => new Date(now.getTime() + days * DAY);
  const tokens: HandMadeToken[] = [];
  const dates = (i: number) => {
    const expired = i % 9 === 4;
    return {
      expired,
      fields: {
        creationDate: at(-400 + i),
        // Expired ones a while ago; the rest in 2 to 300 days, some never (every 7th).
        expirationDate: expired ? at(-10 - i) : i % 7 === 0 ? null : at(2 + ((i * 37) % 300)),
        lastUsedDate: i % 5 === 0 ? null : at(-(i % 60)),
      },
    };
  };
  API_NAMES.forEach((name, i) => {
    const { expired, fields } = dates(i);
    const disabled = i % 11 === 3;
    tokens.push({
      fields: { kind: "api", name, scopes: API_SCOPES[i % API_SCOPES.length], owner: OWNERS[i % OWNERS.length], enabled: !disabled, ...fields },
      resourceClass: "ApiToken",
      expired,
      disabled,
    });
  });
  PAT_NAMES.forEach((name, j) => {
    const { expired, fields } = dates(j + 40);
    tokens.push({
      fields: { kind: "api", name, personalAccessToken: true, scopes: PAT_SCOPES[j % PAT_SCOPES.length], owner: OWNERS[j % OWNERS.length], ...fields },
      resourceClass: "PersonalAccessToken",
      expired,
      disabled: false,
    });
  });
  PAAS_NAMES.forEach((name, j) => {
    const { expired, fields } = dates(j + 50);
    tokens.push({
      fields: { kind: "api", name, scopes: j % 2 === 0 ? ["InstallerDownload"] : ["InstallerDownload", "SupportAlert"], owner: OWNERS[0], ...fields },
      resourceClass: "PaasToken",
      expired,
      disabled: false,
    });
  });
  // ActiveGate tokens live at most two years; the dates above stay within that.
  ACTIVE_GATE_NAMES.forEach((name, j) => {
    const { expired, fields } = dates(j + 58);
    tokens.push({
      fields: {
        kind: "activeGate",
        name,
        activeGateType: j % 4 === 1 ? "CLUSTER" : "ENVIRONMENT",
        seedToken: name.startsWith("seed"),
        owner: OWNERS[j % OWNERS.length],
        ...fields,
      },
      resourceClass: "ActiveGateToken",
      expired,
      disabled: false,
    });
  });
  // 40 + 10 + 8 + 30 = 88 so far; 32 more API tokens that repeat the names above, as teams do.
  for (let k = 0; tokens.length < 120; k++) {
    const i = 88 + k;
    const { expired, fields } = dates(i);
    tokens.push({
      fields: { kind: "api", name: API_NAMES[(k * 7) % API_NAMES.length], scopes: API_SCOPES[k % API_SCOPES.length], owner: OWNERS[k % OWNERS.length], ...fields },
      resourceClass: "ApiToken",
      expired,
      disabled: false,
    });
  }
  return tokens;
}
