// The comments list behind a 2 ms wait (a database, an upstream API), on
// every request: against approute's `/comments-io` (benches/revalidate.sh).
import { comments } from "../comments/data";

export const dynamic = "force-dynamic";

export async function GET() {
  await new Promise((resolve) => setTimeout(resolve, 2));
  return Response.json(comments);
}
