// The native plugin's GetSchema when the package ships no schema.json (a copy installed without it): it refuses with
// a sentence naming the package and its version. test/native/server.test.ts checks the committed schema is answered;
// here packageRoot points at an empty folder, in a module graph of this file's own.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, expect, it, vi } from "vitest";

const empty = fs.mkdtempSync(path.join(os.tmpdir(), "dt-no-schema-"));
afterAll(() => fs.rmSync(empty, { recursive: true, force: true }));

it("GetSchema says the package ships no schema.json when its root holds none", async () => {
  vi.resetModules();
  vi.doMock("../../provider/packageInfo", async (original) => ({ ...(await original<object>()), packageRoot: () => empty }));
  const { providerServer } = await import("../../provider/native/server");
  const { providerProto } = await import("../../provider/native/protocol");
  const getSchema = providerServer().getSchema!;
  const answer = new Promise((resolve, reject) =>
    getSchema({ request: new providerProto.GetSchemaRequest() } as never, ((error: unknown, value: unknown) => (error ? reject(error) : resolve(value))) as never),
  );
  await expect(answer).rejects.toMatchObject({ details: expect.stringMatching(/^pulumi-dynatrace-tokens [\d.]+ ships no package schema \(schema\.json\)/) });
  vi.doUnmock("../../provider/packageInfo");
});
