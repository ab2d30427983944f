<?xml version="1.0" encoding="UTF-8"?>
<!--
  minutes.xsl: meeting minutes (møtereferat): a draft, which only its
  author sees, edits and finalises, or final minutes, which are never
  edited but corrected with a new, linked version. View: h_minutes.c.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_case.xsl"/>
  <xsl:import href="_form.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:if test="minutes/errors/error"><xsl:value-of select="i:t('Error:')"/><xsl:text> </xsl:text></xsl:if>
    <xsl:call-template name="heading"/>
    <xsl:text> – </xsl:text>
    <xsl:value-of select="log/@reference"/>
  </xsl:template>

  <xsl:template name="heading">
    <xsl:choose>
      <xsl:when test="/page/minutes/@meeting-starts">
        <xsl:variable name="when"><xsl:call-template name="datetime"><xsl:with-param name="d" select="/page/minutes/@meeting-starts"/></xsl:call-template></xsl:variable>
        <xsl:value-of select="i:t('Minutes of the meeting {0}', $when)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="i:t('Minutes')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:variable name="m" select="minutes"/>
    <xsl:variable name="l" select="log"/>
    <h1><xsl:call-template name="heading"/></h1>
    <xsl:for-each select="$l"><xsl:call-template name="log-head"/></xsl:for-each>
    <!-- Refused at "make final": nothing changed; what is wrong, where,
         and the way to put it right (the draft, edited). -->
    <xsl:if test="$m/errors/error">
      <div class="error-summary" role="alert" tabindex="-1" autofocus="autofocus" aria-labelledby="error-summary-title">
        <h2 id="error-summary-title"><xsl:value-of select="i:t('The minutes could not be made final, and nothing was changed. Correct this in the draft:')"/></h2>
        <ul>
          <xsl:for-each select="$m/errors/error">
            <li>
              <a href="#{@for}">
                <xsl:if test="@label"><xsl:value-of select="@label"/><xsl:text>: </xsl:text></xsl:if>
                <xsl:value-of select="."/>
              </a>
            </li>
          </xsl:for-each>
        </ul>
        <p><a class="button primary" href="/forms/minutes?minutes={$m/@id}"><xsl:value-of select="i:t('Edit the draft')"/></a></p>
      </div>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="$m/@status = 'draft'">
        <div class="callout warn-box">
          <p>
            <strong class="tag warn"><xsl:value-of select="i:t('Draft')"/></strong>
            <xsl:text> </xsl:text>
            <xsl:value-of select="i:t('Only you can see these minutes until they are final.')"/>
          </p>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <p class="card-state"><strong class="tag ok"><xsl:value-of select="i:t('Final')"/></strong></p>
      </xsl:otherwise>
    </xsl:choose>
    <dl class="facts">
      <dt><xsl:value-of select="i:t('Written by')"/></dt>
      <dd>
        <xsl:value-of select="$m/@author"/>
        <xsl:text>, </xsl:text>
        <xsl:call-template name="date"><xsl:with-param name="d" select="$m/@created"/></xsl:call-template>
      </dd>
      <xsl:if test="$m/@finalised">
        <dt><xsl:value-of select="i:t('Final since')"/></dt>
        <dd><xsl:call-template name="date"><xsl:with-param name="d" select="$m/@finalised"/></xsl:call-template></dd>
      </xsl:if>
      <xsl:if test="$m/@corrects">
        <dt><xsl:value-of select="i:t('Corrects')"/></dt>
        <dd><a href="/minutes/{$m/@corrects}"><xsl:value-of select="i:t('the earlier minutes')"/></a></dd>
      </xsl:if>
    </dl>
    <xsl:if test="$l/rights/@minutes">
      <xsl:choose>
        <xsl:when test="$m/@status = 'draft' and $m/@mine">
          <section aria-labelledby="finalise-title" class="callout">
            <h2 id="finalise-title"><xsl:value-of select="i:t('Make the minutes final')"/></h2>
            <p><xsl:value-of select="i:t('When the minutes are final, everyone in the case can read them and they can no longer be changed. Their decisions are written in the timeline, and their measures become measures in the relay log.')"/></p>
            <div class="actions-row">
              <form method="post" action="/minutes/{$m/@id}/finalise" class="inline-form">
                <input type="hidden" name="csrf" value="{csrf}"/>
                <input type="hidden" name="idem" value="{/page/idem}"/>
                <button type="submit" class="primary"><xsl:value-of select="i:t('Make final')"/></button>
              </form>
              <a class="button secondary" href="/forms/minutes?minutes={$m/@id}"><xsl:value-of select="i:t('Edit the draft')"/></a>
            </div>
          </section>
        </xsl:when>
        <xsl:when test="$m/@status = 'final'">
          <p><a href="/forms/minutes?corrects={$m/@id}"><xsl:value-of select="i:t('Something is wrong or missing? Write a correction')"/></a></p>
        </xsl:when>
      </xsl:choose>
    </xsl:if>
    <h2><xsl:value-of select="i:t('What was written')"/></h2>
    <xsl:apply-templates select="$m/form" mode="show"/>
    <p><a href="/logs/{$l/@id}#minutes"><xsl:value-of select="i:t('Back to the relay log')"/></a></p>
  </xsl:template>
</xsl:stylesheet>
