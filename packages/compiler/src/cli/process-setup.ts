/**
 * One-time setup of a Node process that runs permset as its program (the CLI, the language
 * server). Not for library use: it changes process-wide state that the program owns.
 *
 * `process.env` is an exotic object whose every read calls into C++ (getenv); the `yaml`
 * parser reads `process.env.LOG_TOKENS` once per token, which costs ~10% of a large check.
 * A plain snapshot makes those reads ordinary property lookups. Child processes still get the
 * same environment (Node passes `process.env` to them).
 */
export function setUpProcess(): void {
  process.env = { ...process.env };
}
