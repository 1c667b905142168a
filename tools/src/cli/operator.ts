// `npm run operator -- grant <email>` makes a registered shopper an operator (role admin: the admin
// API, the registry and /admin/experiments with their session); `revoke <email>` makes them a
// customer again. Against the local shop's database, or DATABASE_URL.
import { connectToShopDatabase } from "../platform/shop-database";

const [command, email] = process.argv.slice(2);
if (!["grant", "revoke"].includes(command ?? "") || !email) {
  console.error("Usage: npm run operator -- grant <email> | revoke <email>");
  process.exit(2);
}
const client = await connectToShopDatabase();
try {
  const role = command === "grant" ? "admin" : "customer";
  const { rowCount } = await client.query("UPDATE users SET role = $1 WHERE lower(email) = lower($2)", [role, email]);
  if (!rowCount) {
    console.error(`No account with the email ${email}: register it at /account/register first.`);
    process.exitCode = 1;
  } else {
    console.log(command === "grant" ? `${email} is an operator now (sign in again if a page says otherwise).` : `${email} is a customer again.`);
  }
} finally {
  await client.end();
}
