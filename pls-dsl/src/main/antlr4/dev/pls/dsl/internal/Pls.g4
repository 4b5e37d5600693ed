/*
 * The pls rules language. No actions: the grammar only describes the syntax, and AstBuilder turns
 * the parse tree into the language's own syntax tree. Newlines are insignificant; comments start
 * with '#' and run to the end of the line (kept on the hidden channel for the formatter).
 * Keywords other than the operators (and, or, not, between, in, is, within, where, true, false)
 * are soft: they may also be used as names, so an event property may be called "tier".
 * A file holds one or more models; each 'model' header starts a new one, whose items follow it.
 */
grammar Pls;

file
    : item* modelSection* EOF
    ;

modelSection
    : modelHeader item*
    ;

modelHeader
    : 'model' ident ('version' NUMBER)? setting*
    ;

setting
    : 'entity' ident                                            # entitySetting
    | 'resolution' DURATION                                     # resolutionSetting
    | 'timezone' STRING                                         # timezoneSetting
    | 'members' ident                                           # membersSetting
    ;

item
    : 'trait' ident ('=' STRING)? ':' ident                     # traitDecl
    | 'set' ident '=' setLiteral                                # setDecl
    | 'signal' ident '=' sum                                    # signalDecl
    | 'event' ident ('=' STRING)?                               # eventDecl
    | 'category' ident categoryLimit* '{' ruleLine* '}'         # categoryDecl
    | 'exclude' condition ':' STRING                            # excludeDecl
    | 'tier' ident 'when' condition                             # tierDecl
    | 'grid' name=ident 'rows' rows=gridAxis 'columns' columns=gridAxis
                                                                # gridDecl
    | 'test' STRING '{' testStatement* '}'                      # testDecl
    | 'rollup' kind=ident k=NUMBER? ('member_floor' floor=signedNumber)?
      ('member_cap' cap=NUMBER)? ('as' name=ident)?
                                                                # rollupDecl
    | 'queue' ident STRING 'sla' DURATION ('capacity' NUMBER)?  # queueDecl
    | 'segment' ident 'when' condition                          # segmentDecl
    | 'route' tier=ident ('in' segments+=ident (',' segments+=ident)*)?
      ('cell' cells+=cellLabel (',' cells+=cellLabel)*)? 'to' queue=ident
      ('level' level=ident)?                                    # routeDecl
    | 'trigger' name=ident STRING level=ident 'when' condition 'to' queue=ident
                                                                # triggerDecl
    | 'hold' ident 'while' condition                            # holdDecl
    | 'suppress' 'when' condition ':' STRING                    # suppressDecl
    | 'holdout' NUMBER '%' 'salt' STRING                        # holdoutDecl
    | 'cooldown' DURATION                                       # cooldownDecl
    | 'context' ident '=' condition                             # contextDecl
    | 'template' ident STRING                                   # templateDecl
    | 'disposition' name=ident polarity=ident?                  # dispositionDecl
    | 'activation' ident                                        # activationDecl
    ;

// `fit {A >= 40, B >= 20, C}`: a category's total cut into bands, high to low; the last is the rest
gridAxis
    : ident '{' gridBand (',' gridBand)* '}'
    ;

gridBand
    : (ident | NUMBER) ('>=' signedNumber)?
    ;

// `A1`, or `11` when both axes are numbered: a grid cell, row label then column label
cellLabel
    : ident | NUMBER
    ;

categoryLimit
    : 'cap' signedNumber                                        # capLimit
    | 'floor' signedNumber                                      # floorLimit
    ;

ruleLine
    : condition ':' points decay? label=STRING? ('share' share=STRING)? ('[' ident ']')?
    ;

// `decay linear 60d`, `decay half_life 14d`: the shape is a name so a misspelling is a diagnostic
decay
    : 'decay' shape=ident DURATION
    ;

points
    : sign=('+' | '-')? NUMBER
    ;

condition
    : orExpr ('within' DURATION)?
    ;

orExpr
    : andExpr ('or' andExpr)*
    ;

andExpr
    : notExpr ('and' notExpr)*
    ;

notExpr
    : 'not' notExpr                                             # notOp
    | predicate                                                 # predicateOp
    ;

predicate
    : sum op=('==' | '!=' | '<' | '<=' | '>' | '>=') sum        # comparePredicate
    | sum 'between' sum 'and' sum                               # betweenPredicate
    | sum negated='not'? 'in' setRef                            # inPredicate
    | sum 'is' negated='not'? kind=('missing' | 'present')      # missingPredicate
    | sum                                                       # valuePredicate
    ;

sum
    : product (sumOp product)*
    ;

sumOp
    : '+' | '-'
    ;

product
    : unary (productOp unary)*
    ;

productOp
    : '*' | '/'
    ;

unary
    : '-' unary                                                 # negate
    | atom                                                      # atomUnary
    ;

atom
    : literal                                                   # literalAtom
    | ident '(' callArg (',' callArg)* ')' ('within' DURATION)? # callAtom
    | ident                                                     # nameAtom
    | '(' condition ')'                                         # parenAtom
    ;

callArg
    : DURATION                                                  # durationArg
    | 'where' orExpr                                            # whereArg
    | eventName ('.' ident)? ('where' orExpr)?                  # filterArg
    ;

eventName
    : ident
    | STRING
    ;

setRef
    : ident                                                     # namedSet
    | setLiteral                                                # inlineSet
    ;

setLiteral
    : '{' literal (',' literal)* ','? '}'
    ;

literal
    : '-'? NUMBER                                               # numberLiteral
    | STRING                                                    # stringLiteral
    | ('true' | 'false')                                        # boolLiteral
    ;

signedNumber
    : ('+' | '-')? NUMBER
    ;

testStatement
    : 'as_of' TIMESTAMP                                         # asOfStatement
    | kind=('user' | 'account') ident '{' (traitValue (',' traitValue)* ','?)? '}'  # entityStatement
    | 'events' ident '{' (eventLine ';'?)* '}'                  # eventsStatement
    | 'members' account=ident '{' (users+=ident (',' users+=ident)* ','?)? '}'
                                                                # membersStatement
    | 'expect' ident expectation                                # expectStatement
    ;

traitValue
    : ident ':' literal
    ;

eventLine
    : eventName 'at' eventTime ('{' (traitValue (',' traitValue)* ','?)? '}')?
    ;

eventTime
    : sign=('+' | '-')? DURATION                                # relativeTime
    | TIMESTAMP                                                 # absoluteTime
    ;

expectation
    : 'score' signedNumber                                      # expectScore
    | 'tier' ident                                              # expectTier
    | 'cell' (ident | NUMBER)                                   # expectCell
    | negated='not'? 'fired' (STRING | ident)                   # expectFired
    | negated='not'? 'excluded' STRING?                         # expectExcluded
    | 'value' sum ('within' DURATION)? (('==' literal) | ('is' 'missing'))  # expectValue
    | 'segment' ident                                           # expectSegment
    | negated='not'? 'trigger' ident                            # expectTrigger
    | negated='not'? 'suppressed' STRING?                       # expectSuppressed
    ;

ident
    : IDENT
    | 'model' | 'version' | 'entity' | 'resolution' | 'timezone' | 'trait' | 'set' | 'signal'
    | 'event' | 'category' | 'cap' | 'floor' | 'exclude' | 'tier' | 'when' | 'test' | 'as_of'
    | 'user' | 'account' | 'events' | 'expect' | 'at' | 'score' | 'fired' | 'excluded' | 'value'
    | 'missing' | 'present' | 'members' | 'rollup' | 'member_cap' | 'as' | 'share' | 'queue'
    | 'member_floor'
    | 'sla' | 'capacity' | 'segment' | 'route' | 'to' | 'level' | 'trigger' | 'hold' | 'while'
    | 'suppress' | 'holdout' | 'salt' | 'cooldown' | 'context' | 'template' | 'suppressed'
    | 'decay' | 'grid' | 'rows' | 'columns' | 'cell' | 'disposition' | 'activation'
    ;

TIMESTAMP
    : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT 'T' DIGIT DIGIT ':' DIGIT DIGIT
      (':' DIGIT DIGIT ('.' DIGIT+)?)? ('Z' | [+-] DIGIT DIGIT ':' DIGIT DIGIT)
    ;

DURATION
    : DIGIT+ [mhdw]
    ;

NUMBER
    : DIGIT+ ('.' DIGIT+)?
    ;

STRING
    : '"' (~["\\\r\n] | '\\' ["\\nt])* '"'
    ;

IDENT
    : [A-Za-z_] [A-Za-z0-9_]*
    ;

COMMENT
    : '#' ~[\r\n]* -> channel(HIDDEN)
    ;

WS
    : [ \t\r\n\f]+ -> channel(HIDDEN)
    ;

// Anything else becomes a token the parser rejects with a located message, so the lexer itself
// never fails.
UNKNOWN
    : .
    ;

fragment DIGIT
    : [0-9]
    ;
