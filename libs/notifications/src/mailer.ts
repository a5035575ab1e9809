import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, SendMailOptions, Transporter } from 'nodemailer';
import { AppConfig } from '@tripartite/config';

/** What the SMTP server answered to a message it accepted. */
export interface SmtpAnswer {
  /** The server's reply to the end of the message, e.g. "250 2.0.0 Ok: queued as 4XyZ". */
  response: string;
  accepted: string[];
}

/** The SMTP transport (SMTP_URL), opened on first use; none when SMTP_URL is unset. */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private transport: Transporter | null = null;

  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return !!this.config.SMTP_URL;
  }

  /** Resolves once the server accepted the message for at least one recipient; rejects otherwise (nodemailer's errors). */
  async send(mail: SendMailOptions): Promise<SmtpAnswer> {
    if (!this.config.SMTP_URL) throw new Error('SMTP_URL is not set');
    this.transport ??= createTransport({
      url: this.config.SMTP_URL,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as Parameters<typeof createTransport>[0]);
    const info = (await this.transport.sendMail({ from: this.config.SMTP_FROM, ...mail })) as {
      response?: string;
      accepted?: (string | { address: string })[];
    };
    return { response: String(info.response ?? ''), accepted: (info.accepted ?? []).map((a) => (typeof a === 'string' ? a : a.address)) };
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
