/** The toolkit's version: printed by `permset --version` and stamped into generated files. */
export const VERSION = '0.1.0';
