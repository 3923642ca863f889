// The same, with `revalidate = 60` (Next.js's incremental static
// regeneration): against approute's `revalidate = 60` (benches/revalidate.sh).
import { comments } from "../comments/data";

export const revalidate = 60;

export async function GET() {
  await new Promise((resolve) => setTimeout(resolve, 2));
  return Response.json(comments);
}
