/**
 * zod/mini rather than classic zod: the same checks for ~16 KB of bundle instead of ~440 KB, and
 * cold start is what users feel. English messages are opted into once, here.
 */
import * as z from 'zod/mini';

z.config(z.locales.en());

export { z };
