import type { Prisma, PrismaClient } from "./generated/client";

export type Db = PrismaClient;
/** A client inside an interactive transaction. */
export type Tx = Prisma.TransactionClient;
export type JsonValue = Prisma.InputJsonValue;
