/** The JSON files the CLI reads (policies, calendars): read, byte order mark dropped, parsed. */
import { readFileSync } from 'node:fs';
import { CliError } from './exit.js';
import { cliMessage } from './messages.js';

/**
 * Reads and parses a JSON file, without checking what it holds; `what` names the file in the
 * message if it cannot be read (`cannot read policy file "p.json": ...`). Exit code 2 if it cannot
 * be read or is not JSON.
 *
 * @example
 * readJsonFile('calendar file', 'always.json') //=> '24/7'
 */
export function readJsonFile(what: string, path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(cliMessage.unreadable(what, path, (error as Error).message));
  }
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new CliError(cliMessage.policyJson(path, (error as Error).message));
  }
}
