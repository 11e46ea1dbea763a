/** The group-buy pages (the buyers' and the leaders'), loaded together on first use. */
export { GroupBuyDetail } from './group-buys/GroupBuyDetail';
export { GroupBuyList } from './group-buys/GroupBuyList';
export { HandOut } from './leader/HandOut';
export { MyGroupBuys } from './leader/MyGroupBuys';
export { NewGroupBuy } from './leader/NewGroupBuy';
