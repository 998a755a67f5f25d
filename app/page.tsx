import { redirect } from "next/navigation";
import { currentSession } from "@/lib/auth/current-actor";

/** Each role lands where its work is; a user with set-up still to do lands there first. */
export default async function Home() {
  const session = await currentSession();
  if (!session) redirect("/sign-in");
  if (session.pending) redirect("/account/setup");
  redirect(session.actor.role === "REGULATOR" ? "/regulator" : "/pool");
}
