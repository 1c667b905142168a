/** "1 item", "3 items": how every cart widget counts. */
export const itemsLabel = (count: number) => `${count} ${count === 1 ? "item" : "items"}`;
