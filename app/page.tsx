import { redirect } from "next/navigation";
import { currentSession } from "@/lib/auth/current-actor";

/** Each role lands on its dashboard (the regulator's is the province page); a user with set-up still to do lands there first. */
export default async function Home() {
  const session = await currentSession();
  if (!session) redirect("/sign-in");
  if (session.pending) redirect("/account/setup");
  redirect(session.actor.role === "REGULATOR" ? "/regulator" : "/dashboard");
}
