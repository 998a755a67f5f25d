import { redirect } from "next/navigation";
import { currentActor } from "@/lib/auth/current-actor";

/** Each role lands where its work is. */
export default async function Home() {
  const actor = await currentActor();
  if (!actor) redirect("/sign-in");
  redirect(actor.role === "REGULATOR" ? "/regulator" : "/pool");
}
