import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);

// src/store/checkpoint-worker.ts
import { DatabaseSync } from "node:sqlite";
import { parentPort, workerData } from "node:worker_threads";
var { path, intervalMs } = workerData;
var db = new DatabaseSync(path);
db.exec("PRAGMA busy_timeout = 5000");
var checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
var timer = setInterval(() => {
  try {
    checkpoint.get();
  } catch (error) {
    parentPort?.postMessage({ error: error.message });
  }
}, intervalMs);
parentPort?.on("message", (message) => {
  if (message !== "stop") return;
  clearInterval(timer);
  try {
    checkpoint.get();
  } finally {
    db.close();
    parentPort?.close();
  }
});
