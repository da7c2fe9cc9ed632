/**
 * zod/mini rather than classic zod: the same checks for a fraction of the bundle, and cold start is
 * what users feel. Schema modules `import * as z from 'zod/mini'` themselves: esbuild drops the
 * unused parts of a namespace import, but not of a namespace object passed on, which would carry
 * every language of `z.locales` (~400 KB) into each bundle. This module only sets English messages,
 * loading that one locale; fields.ts imports it, so every schema module has it loaded.
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());
