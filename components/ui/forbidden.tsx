import { Alert } from "./alert";

export function Forbidden({ message }: { message: string }) {
  return (
    <Alert tone="error">
      {message} This attempt was recorded in the audit log. If you need access, ask an admin.
    </Alert>
  );
}
