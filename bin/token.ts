/** `npm run -s token -- <viewer|editor|admin>`: prints a JWT that the local server accepts. */
import { signToken } from './local/jwt';

const roles = ['viewer', 'editor', 'admin'] as const;
const role = process.argv[2] as (typeof roles)[number] | undefined;
if (!role || !roles.includes(role)) {
  console.error(`usage: npm run -s token -- <${roles.join('|')}>`);
  process.exit(2);
}
process.stdout.write(`${await signToken(role)}\n`);
