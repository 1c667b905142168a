import type { LocalConfig } from "./local-config";
import { startMailEmulator } from "./mail-emulator/server";

export interface MailSettings {
  /** What the Worker is given: the provider, its address and key. */
  workerEnv: Record<string, string>;
  description: string;
  stop: () => Promise<void>;
}

/** The local mail emulator's API key: it only checks that the Worker sends one. */
export const LOCAL_MAIL_KEY = "re_local_emulator";

/**
 * A real provider's key in the environment (MAIL_API_KEY, with MAIL_API_URL and MAIL_FROM for a
 * non-Resend or verified sender) makes the local shop send real email; otherwise the mail emulator
 * takes every message and shows it in its mailbox.
 */
export async function mailSettings(config: LocalConfig, env: NodeJS.ProcessEnv = process.env): Promise<MailSettings> {
  if (env.MAIL_API_KEY) {
    return {
      workerEnv: {
        MAIL_PROVIDER: "http",
        MAIL_API_KEY: env.MAIL_API_KEY,
        ...(env.MAIL_API_URL && { MAIL_API_URL: env.MAIL_API_URL }),
        ...(env.MAIL_FROM && { MAIL_FROM: env.MAIL_FROM }),
      },
      description: `sending real email through ${env.MAIL_API_URL ?? "https://api.resend.com"} with MAIL_API_KEY`,
      stop: async () => {},
    };
  }
  const emulator = await startMailEmulator({ port: config.mailPort, apiKey: LOCAL_MAIL_KEY });
  return {
    workerEnv: { MAIL_PROVIDER: "http", MAIL_API_URL: emulator.url, MAIL_API_KEY: LOCAL_MAIL_KEY },
    description: `mail emulator: every email the shop sends is in the mailbox at http://localhost:${emulator.port} (or npm run mail)`,
    stop: emulator.close,
  };
}
