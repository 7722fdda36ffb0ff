import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  serveStdio
} from "./chunk-GPJGAWP4.js";
import {
  ConfigError,
  mcpAccessDenial
} from "./chunk-IMRIVU32.js";

// src/cli/serve-app.ts
var StartupError = class extends Error {
  name = "StartupError";
};
async function starting(step) {
  try {
    return await step();
  } catch (err) {
    if (err instanceof ConfigError || err instanceof StartupError) throw err;
    throw new StartupError(err.message);
  }
}
async function serveApp(app, transport) {
  const ref = app.policy.current().ref;
  if (transport.http) {
    const { startHttpServer } = await import("./chunk-KRURZUSW.js");
    const http = await starting(() => startHttpServer(app, transport));
    app.logger.info({ url: `${http.url}/mcp`, policy: ref }, "opswarden serving MCP over HTTP");
    return { mcpUrl: `${http.url}/mcp`, close: http.close };
  }
  const noTools = mcpAccessDenial({ ...app.config.principal, transport: "stdio" }, app.config.access);
  if (noTools) throw new ConfigError(`principal: ${noTools}`);
  const stdio = await starting(() => serveStdio(app));
  app.logger.info({ policy: ref, tools: app.registry.list().length }, "opswarden serving MCP over stdio");
  process.stdin.once("end", () => process.kill(process.pid, "SIGTERM"));
  return { close: stdio.close };
}
var STOP_SIGNALS = ["SIGINT", "SIGTERM"];
function untilStopped(graceMs) {
  return new Promise((resolve) => {
    const first = (signal) => {
      for (const s of STOP_SIGNALS) process.off(s, first).once(s, () => forceExit(`${signal} again`));
      setTimeout(() => forceExit(`shutdown took longer than ${graceMs} ms (limits.shutdownGrace)`), graceMs);
      resolve();
    };
    for (const s of STOP_SIGNALS) process.on(s, first);
  });
}
function forceExit(why) {
  process.stderr.write(`opswarden: ${why}; exiting now
`);
  process.exit(1);
}
function parsePort(text, fallback) {
  const port = text === void 0 ? fallback : Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`--port must be a whole number from 0 to 65535, got "${text}"`);
  }
  return port;
}

export {
  StartupError,
  starting,
  serveApp,
  untilStopped,
  parsePort
};
