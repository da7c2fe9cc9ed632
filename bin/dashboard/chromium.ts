/**
 * The system's headless Chromium, driven by puppeteer-core (which downloads no browser): for the
 * dashboard's browser test and its benchmark. `CHROMIUM_PATH` names another binary.
 */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

const HOW_TO_INSTALL =
  "install Debian's chromium package (sudo apt-get install -y chromium; .ci/run does it where it is missing), " +
  'or set CHROMIUM_PATH to a Chromium or Chrome binary';

/** The binary to launch; an error that says how to get one when there is none. */
export function chromiumPath(): string {
  const given = process.env.CHROMIUM_PATH;
  if (given) {
    if (!existsSync(given)) throw new Error(`CHROMIUM_PATH=${given} does not exist: ${HOW_TO_INSTALL}`);
    return given;
  }
  if (existsSync(DEFAULT_CHROMIUM)) return DEFAULT_CHROMIUM;
  throw new Error(`No Chromium at ${DEFAULT_CHROMIUM} and no CHROMIUM_PATH: ${HOW_TO_INSTALL}`);
}

export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    // Chromium refuses to run as root with its sandbox (CI runs as root).
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--disable-gpu', '--hide-scrollbars', '--font-render-hinting=none'],
    timeout: 30_000,
  });
}
