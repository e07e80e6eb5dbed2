export type ParsedMail = { from: string; to: string; subject: string; text: string | null; html: string | null };
export function parseMail(raw: string): ParsedMail;
