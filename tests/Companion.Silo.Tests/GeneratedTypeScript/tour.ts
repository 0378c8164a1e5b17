// The README's tour, driven through openapi-fetch with the types openapi-typescript generates
// from the live /openapi/v1.json, as a web app would. Type-checked with tsc --strict (a document
// that types a field wrongly fails here) and run by OpenApiContractTests; not part of any build.
// Usage: node tour.js <base url> <admin token>. Prints one line per check; exits 1 on the first failure.
import createClient from "openapi-fetch";
import type { components, paths } from "./schema.js";

const [baseUrl, adminToken] = process.argv.slice(2);

function check(condition: boolean, what: string): void {
  if (!condition) {
    console.log(`FAILED: ${what}`);
    process.exit(1);
  }
  console.log(`ok: ${what}`);
}

const admin = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${adminToken}` } });
const created = await admin.POST("/v1/users", { body: { displayName: "Robin" } });
check(created.response.status === 201 && created.data !== undefined, "the operator creates a user");
const u = created.data!.userId;
const api = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${created.data!.token}` } });
const path = { userId: u };

const companion = await api.POST("/v1/users/{userId}/companions", {
  params: { path },
  body: {
    name: "Sol",
    persona: { description: "A calm, curious friend.", personality: "warm, patient", extensions: { depth: { level: 2 } } },
  },
});
check(companion.data !== undefined, "a companion is created with a persona and free-form extensions");
const c = companion.data!.companionId;
const session = await api.POST("/v1/users/{userId}/companions/{companionId}/sessions", { params: { path: { userId: u, companionId: c } } });
const s = session.data!.sessionId;
const messages = "/v1/users/{userId}/companions/{companionId}/sessions/{sessionId}/messages" as const;
const inSession = { params: { path: { userId: u, companionId: c, sessionId: s } } };
await api.POST(messages, { ...inSession, body: { role: "user", text: "People always leave.", messageId: "client-1" } });
await api.POST(messages, { ...inSession, body: { role: "companion", text: "I am still here. Who stayed, even once?", modelId: "demo-model" } });
const again = await api.POST(messages, { ...inSession, body: { role: "user", text: "People always leave.", messageId: "client-1" } });
check(again.data?.duplicate === true, "a repeated messageId is answered as a duplicate");

await api.POST("/v1/users/{userId}/companions/{companionId}/memories", {
  params: { path: { userId: u, companionId: c } },
  body: { text: "Robin is reframing the story that people always leave.", kind: "insight", salience: 0.9, pinned: true },
});
await api.POST("/v1/users/{userId}/companions/{companionId}/memories", {
  params: { path: { userId: u, companionId: c } },
  body: { text: "Robin lives in Oslo.", kind: "fact" },
});
await api.POST("/v1/users/{userId}/journal", {
  params: { path },
  body: { prompt: "secure-base-check-in", text: "Woke up anxious, then remembered Ada called back.", mood: "hopeful" },
});

const context = await api.GET("/v1/users/{userId}/companions/{companionId}/context", {
  params: { path: { userId: u, companionId: c }, query: { budget: 4000 } },
});
const recent = context.data?.recentMessages ?? [];
check(recent.length === 2 && recent[0].role === "user", "the context holds both messages, roles typed");
// Recall indexes after the append, so a memory may take a moment to be found. It has no role,
// and the generated type must say so (tsc refuses this assignment when role is not nullable).
let memory: components["schemas"]["RecalledItem"] | undefined;
for (let attempt = 0; attempt < 50 && memory === undefined; attempt++) {
  const asked = await api.GET("/v1/users/{userId}/companions/{companionId}/context", {
    params: { path: { userId: u, companionId: c }, query: { budget: 4000, query: "Where does Robin live now?" } },
  });
  memory = asked.data?.recalled?.find((r) => r.kind === "memory");
  if (memory === undefined) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const noRole: components["schemas"]["RecalledItem"]["role"] = null;
check(memory !== undefined && memory.role === noRole, "a recalled memory reads with no role");
const journal = await api.GET("/v1/users/{userId}/journal", { params: { path } });
check(journal.data?.entries.length === 1, "the journal holds the entry");
const events = await api.GET("/v1/users/{userId}/events", { params: { path, query: { from: 1, limit: 10 } } });
check(events.data !== undefined && events.data.events.length === events.data.headVersion, "the log page holds every event");
const state = await api.GET("/v1/users/{userId}/state", { params: { path } });
const depth = state.data?.companions[c].persona.extensions?.["depth"] as { level?: number } | undefined;
check(depth?.level === 2, "persona extensions come back as the object sent");

const exported = await api.GET("/v1/users/{userId}/export", { params: { path }, parseAs: "arrayBuffer" });
const zip = new Uint8Array(exported.data ?? new ArrayBuffer(0));
check(zip.length > 100 && zip[0] === 0x50 && zip[1] === 0x4b, "the export is a zip");

const undo = await api.POST("/v1/users/{userId}/companions/{companionId}/reset/undo", { params: { path: { userId: u, companionId: c } } });
check(undo.response.status === 409 && typeof undo.error?.detail === "string", `409 with a detail: ${undo.error?.detail}`);
await api.DELETE("/v1/users/{userId}", { params: { path } });
const gone = await api.GET("/v1/users/{userId}/state", { params: { path } });
check(gone.response.status === 410 && typeof gone.error?.detail === "string", `410 with a detail: ${gone.error?.detail}`);
console.log("tour complete");
