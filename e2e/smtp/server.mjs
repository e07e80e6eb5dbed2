// A real SMTP server (the smtp-server package) on 127.0.0.1 for the end-to-end tests: the console sends its
// mail here (SMTP_URL), and the specs read each message back, decoded, from a small HTTP endpoint beside it
// (GET /messages?to=<address>). Nothing here is reachable from outside this machine.
import http from "node:http";
import { SMTPServer } from "smtp-server";
import { parseMail } from "./parse-mail.mjs";

const smtpPort = Number(process.env.SMTP_TEST_PORT ?? 2525);
const httpPort = Number(process.env.SMTP_TEST_HTTP_PORT ?? 2526);
const messages = [];

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  size: 5 * 1024 * 1024,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on("data", (chunk) => chunks.push(chunk));
    stream.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      messages.push({
        ...parseMail(raw),
        envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
        envelopeTo: session.envelope.rcptTo.map((r) => r.address),
        receivedAt: new Date().toISOString(),
      });
      callback();
    });
  },
});
smtp.listen(smtpPort, "127.0.0.1", () => console.log(`[smtp] listening on 127.0.0.1:${smtpPort}`));

http
  .createServer((req, res) => {
    const url = new URL(req.url ?? "/", `http://127.0.0.1:${httpPort}`);
    if (url.pathname !== "/messages") {
      res.writeHead(404).end();
      return;
    }
    const to = url.searchParams.get("to");
    const found = to ? messages.filter((m) => m.envelopeTo.includes(to)) : messages;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(found));
  })
  .listen(httpPort, "127.0.0.1", () => console.log(`[smtp] messages at http://127.0.0.1:${httpPort}/messages`));
