// Loaded with `node --require` before Azurite by the test fixtures: exits (and removes the data
// folder) once the process named by COMPANION_PARENT_PID is gone, so an emulator started by a
// test run never outlives it, even when the test host is killed before it can clean up.
const fs = require("fs");
const parent = Number(process.env.COMPANION_PARENT_PID);
const location = process.env.COMPANION_AZURITE_LOCATION;
if (parent > 0) {
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      if (location) fs.rmSync(location, { recursive: true, force: true });
      // SIGKILL rather than exit(): Azurite's exit handlers would write its database again.
      process.kill(process.pid, "SIGKILL");
    }
  }, 1000).unref();
}
