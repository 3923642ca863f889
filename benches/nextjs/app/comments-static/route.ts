// The comments list, rendered once at build time (Next.js's `force-static`):
// what approute's `revalidate` is measured against (benches/revalidate.sh).
import { comments } from "../comments/data";

export const dynamic = "force-static";

export async function GET() {
  return Response.json(comments);
}
