import { Alert } from "./alert";

/** The outcome of a form's last attempt (`useActionForm().message`). */
export function FormStatus({ message, className }: { message: { tone: "error" | "success"; text: string } | null; className?: string }) {
  if (!message) return null;
  return (
    <div className={className}>
      <Alert tone={message.tone}>{message.text}</Alert>
    </div>
  );
}
