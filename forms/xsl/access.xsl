<?xml version="1.0" encoding="UTF-8"?>
<!--
  access.xsl: the access log of a child's relay log: who read or changed
  the child's data, when, from which unit and in which role. For the
  guardians, the youth and the holder (view: <log/> head and
  <access total of page pages per-page><people><person name unit role looks
  changes first last/></people><entry at by unit role action object/>
  </access> from h_log.c: everyone in a row each, then one page of the
  entries).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_case.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="i:t('Access log')"/>
    <xsl:text> – </xsl:text>
    <xsl:value-of select="log/@reference"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <h1><xsl:value-of select="i:t('Who has read and changed the log')"/></h1>
    <xsl:for-each select="log"><xsl:call-template name="log-head"/></xsl:for-each>
    <p class="intro"><xsl:value-of select="i:t('Every time someone opens or changes information about the child, it is recorded here, with who it was, when, and in which role. Nobody can change or delete these records.')"/></p>
    <xsl:variable name="a" select="access"/>
    <xsl:choose>
      <xsl:when test="not($a/entry)">
        <p class="none"><xsl:value-of select="i:t('Nothing is recorded yet.')"/></p>
      </xsl:when>
      <xsl:otherwise>
        <section aria-labelledby="people-title">
          <h2 id="people-title"><xsl:value-of select="i:t('Who has looked and changed')"/></h2>
          <div class="table-wrap" role="region" tabindex="0" aria-labelledby="{generate-id()}-table1">
          <table class="list audit-people">
            <caption class="visually-hidden" id="{generate-id()}-table1"><xsl:value-of select="i:t('Everyone in the access log, most recent first')"/></caption>
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="i:t('Who')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Role')"/></th>
                <th scope="col" class="num"><xsl:value-of select="i:t('Times read')"/></th>
                <th scope="col" class="num"><xsl:value-of select="i:t('Times changed')"/></th>
                <th scope="col"><xsl:value-of select="i:t('First time')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Last time')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$a/people/person">
                <tr>
                  <th scope="row">
                    <xsl:value-of select="@name"/>
                    <xsl:if test="@unit"><br/><span class="muted"><xsl:value-of select="@unit"/></span></xsl:if>
                  </th>
                  <td><xsl:call-template name="role"><xsl:with-param name="r" select="@role"/></xsl:call-template></td>
                  <td class="num"><xsl:value-of select="@looks"/></td>
                  <td class="num"><xsl:value-of select="@changes"/></td>
                  <td><xsl:call-template name="date"><xsl:with-param name="d" select="@first"/></xsl:call-template></td>
                  <td><xsl:call-template name="date"><xsl:with-param name="d" select="@last"/></xsl:call-template></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
          </div>
        </section>
        <section aria-labelledby="entries-title" id="entries">
          <h2 id="entries-title"><xsl:value-of select="i:t('Every entry')"/></h2>
          <p class="muted">
            <xsl:choose>
              <xsl:when test="$a/@pages &gt; 1"><xsl:value-of select="i:t('{0} entries, newest first. Page {1} of {2}.', $a/@of, $a/@page, $a/@pages)"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="i:t('{0} entries, newest first.', $a/@of)"/></xsl:otherwise>
            </xsl:choose>
          </p>
          <div class="table-wrap" role="region" tabindex="0" aria-labelledby="{generate-id()}-table2">
          <table class="list audit-table">
            <caption class="visually-hidden" id="{generate-id()}-table2"><xsl:value-of select="i:t('Access log, newest first')"/></caption>
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="i:t('When')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Who')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Role')"/></th>
                <th scope="col"><xsl:value-of select="i:t('What they did')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$a/entry">
                <tr>
                  <td><xsl:call-template name="date"><xsl:with-param name="d" select="@at"/></xsl:call-template></td>
                  <td>
                    <xsl:value-of select="@by"/>
                    <xsl:if test="@unit"><br/><span class="muted"><xsl:value-of select="@unit"/></span></xsl:if>
                  </td>
                  <td><xsl:call-template name="role"><xsl:with-param name="r" select="@role"/></xsl:call-template></td>
                  <td>
                    <xsl:call-template name="audit-action"><xsl:with-param name="a" select="@action"/></xsl:call-template>
                    <xsl:text>: </xsl:text>
                    <xsl:call-template name="audit-object"><xsl:with-param name="o" select="@object"/></xsl:call-template>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
          </div>
          <xsl:if test="$a/@pages &gt; 1">
            <nav class="pager" aria-label="{i:t('Pages of the access log')}">
              <ul>
                <xsl:if test="$a/@page &gt; 1">
                  <li><a href="/logs/{log/@id}/access?page={$a/@page - 1}&amp;of={$a/@of}#entries" rel="prev"><xsl:value-of select="i:t('Newer entries')"/></a></li>
                </xsl:if>
                <xsl:if test="$a/@page &lt; $a/@pages">
                  <li><a href="/logs/{log/@id}/access?page={$a/@page + 1}&amp;of={$a/@of}#entries" rel="next"><xsl:value-of select="i:t('Older entries')"/></a></li>
                </xsl:if>
              </ul>
            </nav>
          </xsl:if>
        </section>
      </xsl:otherwise>
    </xsl:choose>
    <p><a href="/logs/{log/@id}"><xsl:value-of select="i:t('Back to the relay log')"/></a></p>
  </xsl:template>

  <xsl:template name="audit-action">
    <xsl:param name="a"/>
    <xsl:choose>
      <xsl:when test="$a = 'read'"><xsl:value-of select="i:t('Read')"/></xsl:when>
      <xsl:when test="$a = 'list'"><xsl:value-of select="i:t('Saw in a list')"/></xsl:when>
      <xsl:when test="$a = 'create'"><xsl:value-of select="i:t('Wrote')"/></xsl:when>
      <xsl:when test="$a = 'update'"><xsl:value-of select="i:t('Changed')"/></xsl:when>
      <xsl:when test="$a = 'delete'"><xsl:value-of select="i:t('Deleted')"/></xsl:when>
      <xsl:when test="$a = 'export'"><xsl:value-of select="i:t('Downloaded')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$a"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="audit-object">
    <xsl:param name="o"/>
    <xsl:choose>
      <xsl:when test="$o = 'log'"><xsl:value-of select="i:t('the relay log')"/></xsl:when>
      <xsl:when test="$o = 'concern'"><xsl:value-of select="i:t('a concern')"/></xsl:when>
      <xsl:when test="$o = 'note'"><xsl:value-of select="i:t('a note')"/></xsl:when>
      <xsl:when test="$o = 'measure'"><xsl:value-of select="i:t('a measure')"/></xsl:when>
      <xsl:when test="$o = 'meeting'"><xsl:value-of select="i:t('a meeting')"/></xsl:when>
      <xsl:when test="$o = 'minutes'"><xsl:value-of select="i:t('minutes of a meeting')"/></xsl:when>
      <xsl:when test="$o = 'consent'"><xsl:value-of select="i:t('a consent')"/></xsl:when>
      <xsl:when test="$o = 'consent_scan'"><xsl:value-of select="i:t('the scanned consent form')"/></xsl:when>
      <xsl:when test="$o = 'handover'"><xsl:value-of select="i:t('a handover')"/></xsl:when>
      <xsl:when test="$o = 'submission'"><xsl:value-of select="i:t('a form')"/></xsl:when>
      <xsl:when test="$o = 'evaluation'"><xsl:value-of select="i:t('an evaluation of a measure')"/></xsl:when>
      <xsl:when test="$o = 'cw-report'"><xsl:value-of select="i:t('a report of concern to child welfare')"/></xsl:when>
      <xsl:when test="$o = 'referral'"><xsl:value-of select="i:t('a referral')"/></xsl:when>
      <xsl:when test="$o = 'nav-notice'"><xsl:value-of select="i:t('a notice to NAV')"/></xsl:when>
      <xsl:when test="$o = 'closing'"><xsl:value-of select="i:t('the closing note')"/></xsl:when>
      <xsl:when test="$o = 'child'"><xsl:value-of select="i:t('the child’s details')"/></xsl:when>
      <xsl:when test="$o = 'notice_answer'"><xsl:value-of select="i:t('an answer to a notice')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$o"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
