// Tests run outside Next.js, where the real `server-only` marker would throw: they are server code too.
export {};
