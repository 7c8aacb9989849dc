// A script of the book's own.
var extra = 1;
