/** The buying pages, loaded together on first use: whoever opens one is likely to open the others. */
export { Cart } from './cart/Cart';
export { OrderDetail } from './orders/OrderDetail';
export { OrderList } from './orders/OrderList';
