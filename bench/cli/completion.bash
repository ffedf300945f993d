# bash completion for ompscale: its commands, their options, the kernels'
# parameters, and the values of options (kernels, variants, presets,
# schedules, formats, files).  The candidates are ompscale's own answer to
# `ompscale --complete -- WORDS` (bench/complete.c), read from the tables the
# commands read, so they follow the registry and the plugins a line names.
# meson install puts this file in bash-completion's directory as "ompscale"
# (loaded on first use); without bash-completion, source it from ~/.bashrc.

_ompscale()
{
    local cur=${COMP_WORDS[COMP_CWORD]} word typed out i joining=0
    local -a words=()
    # The words as ompscale sees them: bash splits "--kernel=sq" at '='.
    for ((i = 1; i <= COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        if ((joining)); then
            words[${#words[@]} - 1]+=$word
            joining=0
        elif [[ $word == = && ${#words[@]} -gt 0 && ${words[${#words[@]} - 1]} == --* &&
            ${words[${#words[@]} - 1]} != *=* ]]; then
            words[${#words[@]} - 1]+==
            joining=1
        else
            words+=("$word")
        fi
    done
    ((${#words[@]})) || words=("")
    out=$(command "${COMP_WORDS[0]/#\~/$HOME}" --complete -- "${words[@]}" 2>/dev/null) || return 0
    # What is replaced is what follows the '=' when bash split there.
    typed=${words[${#words[@]} - 1]}
    [[ $typed == --*=* ]] && typed=${typed#*=}
    COMPREPLY=()
    case $out in
    @files*) mapfile -t COMPREPLY < <(compgen -f -- "$typed") && compopt -o filenames 2>/dev/null ;;
    @dirs*) mapfile -t COMPREPLY < <(compgen -d -- "$typed") && compopt -o filenames 2>/dev/null ;;
    *) mapfile -t COMPREPLY < <(IFS=$'\n' compgen -W "$out" -- "$typed") ;;
    esac
    # '=' not a word break here: the word replaced is the whole --opt=VALUE.
    if [[ $cur == --*=* ]]; then
        for i in "${!COMPREPLY[@]}"; do
            COMPREPLY[i]=${cur%%=*}=${COMPREPLY[i]}
        done
    fi
    return 0
}
complete -F _ompscale ompscale
