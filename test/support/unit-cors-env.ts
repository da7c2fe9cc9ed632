/** Import before the handler modules: the CORS allow-list is read once, when lambdas/http/cors.ts loads. */
export const ALLOWED_ORIGIN = 'https://registry.example.org';
process.env.CORS_ORIGINS = ` ${ALLOWED_ORIGIN} , https://other.example.org`;
