export const formatCount = (n: number) => n.toLocaleString("en-US");
