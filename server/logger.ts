export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(msg: string, extra?: object): void;
  info(msg: string, extra?: object): void;
  warn(msg: string, extra?: object): void;
  error(msg: string, extra?: object): void;
}

/** One JSON line per message on stderr, so stdout stays for what the user asked for. */
export function createLogger(level: LogLevel = 'info'): Logger {
  const at = (l: Exclude<LogLevel, 'silent'>) => (msg: string, extra?: object) => {
    if (ORDER[l] < ORDER[level]) return;
    process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level: l, msg, ...extra }) + '\n');
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
