// opencc-js publishes its conversion tables as modules (exports "./*") without types: each is the table as
// one string, "from to [alternatives]|from to|…".
declare module 'opencc-js/dict/*' {
  const dictionary: string;
  export default dictionary;
}
