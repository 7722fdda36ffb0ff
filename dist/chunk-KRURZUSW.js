import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  startHttpServer
} from "./chunk-XVDJKZ5Y.js";
import "./chunk-G3YMTDM4.js";
import "./chunk-GPJGAWP4.js";
import "./chunk-MPST3DT6.js";
import "./chunk-BWUYPZKP.js";
import "./chunk-7MTLSPUB.js";
import "./chunk-S32MNVVH.js";
import "./chunk-IMRIVU32.js";
import "./chunk-HI7OID35.js";
import "./chunk-H7HVJGAA.js";
import "./chunk-C45OCBOW.js";
import "./chunk-E2EGGSXF.js";
import "./chunk-ERFH3KHH.js";
import "./chunk-QXZT5HPF.js";
import "./chunk-PB6ZSKJE.js";
export {
  startHttpServer
};
